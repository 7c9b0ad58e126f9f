/**
 * The IANA time-zone database as Python's {@code zoneinfo} reads it, made from the JDK's own rules
 * ({@link java.time.zone.ZoneRulesProvider}), so it is as current as the JDK that runs mirage4j:
 * every zone written as a TZif file ({@link io.mirage4j.tzdata.TzifFile}, RFC 8536) with a POSIX
 * TZ footer for the years after its last transition ({@link io.mirage4j.tzdata.PosixTzString}),
 * packed in the layout of the PyPI {@code tzdata} package ({@link io.mirage4j.tzdata.TzdataPackage})
 * and kept in the per-user cache, one file per tzdb version ({@link io.mirage4j.tzdata.TzdataCache}).
 * The sidecar puts the package in the interpreter's site-packages at every start.
 */
package io.mirage4j.tzdata;
