package io.ticketgate.agent.launcher;

/** How the sidecar writes its log: which of config/logback.xml's two appenders writes. */
enum LogFormat {
    /** One human-readable line per event. */
    TEXT,
    /** One JSON object per line, for log shippers (logback's JsonEncoder). */
    JSON
}
