package io.mirage4j.shell.builtins;

/**
 * A stable merge sort of {@code int} indexes by an order on what they index, without boxing them:
 * {@code sort} orders the line numbers of its input this way.
 */
final class IndexSort {
  /** Ranges this short are sorted by insertion. */
  private static final int SHORT = 16;

  /** An order on indexes. */
  @FunctionalInterface
  interface Order {
    int compare(int a, int b);
  }

  private IndexSort() {}

  /** The indexes {@code 0 .. n-1} sorted by {@code order}; equal ones keep their order. */
  static int[] sorted(int n, Order order) {
    int[] items = new int[n];
    for (int i = 0; i < n; i++) {
      items[i] = i;
    }
    int[] work = items.clone();
    mergeSort(work, items, 0, n, order);
    return items;
  }

  /** Sorts {@code to[lo, hi)}, using {@code from[lo, hi)}, which holds the same indexes, as scratch. */
  private static void mergeSort(int[] from, int[] to, int lo, int hi, Order order) {
    if (hi - lo <= SHORT) {
      insertionSort(to, lo, hi, order);
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(to, from, lo, mid, order);
    mergeSort(to, from, mid, hi, order);
    if (order.compare(from[mid - 1], from[mid]) <= 0) {
      System.arraycopy(from, lo, to, lo, hi - lo);
      return;
    }
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      if (j >= hi || i < mid && order.compare(from[i], from[j]) <= 0) {
        to[k] = from[i++];
      } else {
        to[k] = from[j++];
      }
    }
  }

  private static void insertionSort(int[] a, int lo, int hi, Order order) {
    for (int i = lo + 1; i < hi; i++) {
      int x = a[i];
      int j = i - 1;
      while (j >= lo && order.compare(a[j], x) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }
}
