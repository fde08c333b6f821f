package io.tdsproxy.tds.packet;

/**
 * Bits of the TDS packet status byte (MS-TDS 2.2.3.1.2). Always test with masks: clients combine
 * them (IGNORE travels with EOM, RESETCONNECTION with EOM on one-packet batches).
 */
public final class PacketStatus {
    /** More packets of this message follow. */
    public static final int NORMAL = 0x00;
    /** Last packet of the message. */
    public static final int EOM = 0x01;
    /** Client to server: ignore this message (EOM is set too). */
    public static final int IGNORE = 0x02;
    /** TDS 7.1+: reset the session before running this batch or RPC. */
    public static final int RESET_CONNECTION = 0x08;
    /** TDS 7.3+: reset the session but keep the transaction. */
    public static final int RESET_CONNECTION_SKIP_TRAN = 0x10;

    private PacketStatus() {
    }

    public static boolean isEndOfMessage(int status) {
        return (status & EOM) != 0;
    }

    public static boolean has(int status, int flag) {
        return (status & flag) == flag;
    }
}
