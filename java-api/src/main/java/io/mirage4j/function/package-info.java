/**
 * Host functions: Java functions a sandboxed Python program calls by name ("code mode"), under the
 * session's permission profile and audit. See {@link io.mirage4j.function.HostFunction}.
 */
package io.mirage4j.function;
