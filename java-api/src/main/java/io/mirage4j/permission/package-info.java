/**
 * Permission profiles: what one session of a workspace may see and run. A {@link
 * io.mirage4j.permission.PermissionProfile} names the mounts the session sees, the commands it may
 * run ({@code allow}, {@code ask}, {@code deny}, by name or by leading words, optionally only
 * under some paths), and the paths and environment variables hidden from it; an {@link
 * io.mirage4j.permission.ApprovalHandler} answers for the {@code ask} rules.
 */
package io.mirage4j.permission;
