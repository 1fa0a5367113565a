package dev.vscmirror.server;

/**
 * How one request was answered.
 *
 * @param status  HTTP status sent, 0 when none could be sent
 * @param bytes   body bytes sent
 * @param outcome metrics label (recorded, passed, upstream_error, hit, alias, synthesized, miss, stats, ...)
 * @param mode    the mode that answered, lower case
 */
public record Outcome(int status, long bytes, String outcome, String mode) {}
