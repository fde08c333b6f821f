package io.tdsproxy.server.proxy;

import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tdsproxy.tds.packet.PacketStreamWriter;
import io.tdsproxy.tds.token.ColumnMetadata;
import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.RowToken;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketStatus;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.testsupport.Vectors;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted TDS server on plain blocking sockets, independent of the proxy's code, that records what
 * arrives: the PRELOGIN, the LOGIN7 bytes and every later message. Replies come from the shared
 * vectors (PRELOGIN NOT_SUP, login OK with packet size 4096, SELECT 1). A SQL batch whose text is
 * {@code SELECT BIG <rows>} gets a valid result set of {@code rows} varbinary(8000) rows (for real drivers);
 * {@code BLOB <n>} is answered with {@code n} pseudo-random bytes in 4096-byte 0x04 packets (not a
 * valid token stream: for raw clients that compare bytes); ATTENTION with DONE(ATTN).
 */
final class FakeBackend implements AutoCloseable {
    enum Mode { NORMAL, CLOSE_AFTER_PRELOGIN, REPLY_ENCRYPT_REQ }

    /** One message as received: type, status of the last packet, the joined payload, each packet's length. */
    record Message(int type, int lastStatus, byte[] payload, List<Integer> packetLengths) {
    }

    /** What one connection received. */
    static final class Capture {
        volatile PreloginMessage prelogin;
        volatile Message login;
        final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        /** SHA-256 of every byte this backend sent after the login reply, per BLOB answer. */
        final BlockingQueue<String> blobDigests = new LinkedBlockingQueue<>();
    }

    private final ServerSocket server;
    private final Mode mode;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final BlockingQueue<Capture> connections = new LinkedBlockingQueue<>();

    FakeBackend(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-backend-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    FakeBackend() throws IOException {
        this(Mode.NORMAL);
    }

    int port() {
        return server.getLocalPort();
    }

    Capture nextConnection() throws InterruptedException {
        Capture capture = connections.poll(30, TimeUnit.SECONDS);
        if (capture == null) {
            throw new AssertionError("no connection reached the fake backend");
        }
        return capture;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Capture capture = new Capture();
                connections.add(capture);
                Thread t = new Thread(() -> serve(socket, capture), "fake-backend-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, Capture capture) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Message prelogin = readMessage(in);
            capture.prelogin = PreloginMessage.decode(Unpooled.wrappedBuffer(prelogin.payload()));
            out.write(Vectors.bytes(mode == Mode.REPLY_ENCRYPT_REQ
                    ? "constructed_prelogin_response_encrypt_req" : "constructed_prelogin_response_encrypt_not_sup"));
            out.flush();
            if (mode != Mode.NORMAL) {
                return;
            }
            capture.login = readMessage(in);
            out.write(Vectors.bytes("constructed_login_ok_response_tds74"));
            out.flush();
            while (true) {
                Message message = readMessage(in);
                capture.messages.add(message);
                answer(message, out, capture);
            }
        } catch (EOFException | java.net.SocketException e) {
            // the proxy closed the connection
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(Message message, OutputStream out, Capture capture) throws IOException {
        if (message.type() == PacketType.ATTENTION.code()) {
            out.write(new byte[] {0x04, 0x01, 0x00, 0x15, 0x00, 0x33, 0x01, 0x00,
                (byte) 0xFD, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
        } else if (message.type() == PacketType.SQL_BATCH.code() && batchText(message).startsWith("SELECT BIG ")) {
            capture.blobDigests.add(sendRows(out, Integer.parseInt(batchText(message).substring(11).trim())));
        } else if (message.type() == PacketType.SQL_BATCH.code() && batchText(message).startsWith("BLOB ")) {
            long size = Long.parseLong(batchText(message).substring(5).trim());
            capture.blobDigests.add(sendBlob(out, size));
        } else {
            out.write(Vectors.bytes("constructed_select1_response_packet"));
        }
        out.flush();
    }

    /** The text of a SQL batch: UCS-2 after the ALL_HEADERS block (MS-TDS 2.2.6.6, TDS 7.2+). */
    static String batchText(Message batch) {
        byte[] p = batch.payload();
        int headers = (p[0] & 0xFF) | (p[1] & 0xFF) << 8 | (p[2] & 0xFF) << 16 | (p[3] & 0xFF) << 24;
        return new String(p, headers, p.length - headers, StandardCharsets.UTF_16LE);
    }

    /** Sends {@code size} payload bytes as 4096-byte reply packets; returns the SHA-256 of all bytes sent. */
    private static String sendBlob(OutputStream out, long size) throws IOException {
        MessageDigest digest = sha256();
        byte[] noise = new byte[1 << 20];
        new Random(size).nextBytes(noise);
        long offset = 0;
        byte[] packet = new byte[4096];
        long left = size;
        int id = 1;
        do {
            int n = (int) Math.min(packet.length - PacketHeader.SIZE, left);
            left -= n;
            packet[0] = 0x04;
            packet[1] = (byte) (left == 0 ? PacketStatus.EOM : PacketStatus.NORMAL);
            packet[2] = (byte) ((n + 8) >> 8);
            packet[3] = (byte) (n + 8);
            packet[4] = 0;
            packet[5] = 0x33;
            packet[6] = (byte) id++;
            packet[7] = 0;
            for (int i = 0; i < n; i++) {
                packet[8 + i] = noise[(int) (offset++ & (noise.length - 1))];
            }
            out.write(packet, 0, n + 8);
            digest.update(packet, 0, n + 8);
        } while (left > 0);
        return hex(digest.digest());
    }

    /** Bytes of each row of {@code SELECT BIG}: one varbinary(8000) column. */
    static final int ROW_BYTES = 8000;

    /** The value of row {@code i} of {@code SELECT BIG}. */
    static byte[] rowValue(int i) {
        byte[] value = new byte[ROW_BYTES];
        new Random(i).nextBytes(value);
        return value;
    }

    /**
     * A valid result set: COLMETADATA (one varbinary(8000) column), {@code rows} ROW tokens, DONE(COUNT),
     * streamed in 4096-byte packets. Returns the SHA-256 of all row values in order.
     */
    private static String sendRows(OutputStream out, int rows) throws IOException {
        MessageDigest digest = sha256();
        List<Column> columns = List.of(new Column("v", TypeInfo.varbinary(ROW_BYTES), Column.NULLABLE));
        IOException[] failure = new IOException[1];
        PacketStreamWriter writer = new PacketStreamWriter(UnpooledByteBufAllocator.DEFAULT, PacketType.TABULAR_RESULT,
                0x33, 4096, packet -> {
                    try {
                        if (failure[0] == null) {
                            packet.readBytes(out, packet.readableBytes());
                        }
                    } catch (IOException e) {
                        failure[0] = e;
                    } finally {
                        packet.release();
                    }
                });
        try {
            ColumnMetadata.encode(writer.payload(), columns);
            for (int i = 0; i < rows && failure[0] == null; i++) {
                byte[] value = rowValue(i);
                digest.update(value);
                RowToken.encode(writer.payload(), columns, new Object[] {value});
                writer.emitFullPackets();
            }
            Done.selectCount(0, rows).encode(writer.payload());
            writer.finish(0);
        } catch (RuntimeException e) {
            writer.discard();
            throw e;
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return hex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    /** Reads packets until EOM. */
    static Message readMessage(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        List<Integer> lengths = new ArrayList<>();
        while (true) {
            byte[] header = new byte[PacketHeader.SIZE];
            data.readFully(header);
            int length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
            byte[] body = new byte[length - PacketHeader.SIZE];
            data.readFully(body);
            payload.write(body);
            lengths.add(length);
            if ((header[1] & PacketStatus.EOM) != 0) {
                return new Message(header[0] & 0xFF, header[1] & 0xFF, payload.toByteArray(), lengths);
            }
        }
    }
}
