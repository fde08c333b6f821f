package io.tdsproxy.server.proxy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder for one TLS-from-the-first-byte connection (TDS 8.0) that notes the type and length
 * of every TLS record sent towards the server, without decrypting anything. Blocking sockets, two
 * daemon threads; loopback only.
 */
final class TlsRecordTap implements AutoCloseable {
    /** One record header: content type and body length. */
    record Record(int type, int length) {
    }

    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<Record> towardsServer = new CopyOnWriteArrayList<>();

    TlsRecordTap(int serverPort) throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> accept(serverPort), "tls-record-tap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept(int serverPort) {
        try {
            while (!listener.isClosed()) {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                start(() -> recordsTowardsServer(client, server));
                start(() -> copy(server, client));
            }
        } catch (IOException e) {
            // listener closed
        }
    }

    private static void start(Runnable pump) {
        Thread t = new Thread(pump, "tls-record-tap-pump");
        t.setDaemon(true);
        t.start();
    }

    private void recordsTowardsServer(Socket from, Socket to) {
        try (DataInputStream in = new DataInputStream(from.getInputStream())) {
            OutputStream out = to.getOutputStream();
            byte[] header = new byte[5];
            while (true) {
                in.readFully(header);
                int length = (header[3] & 0xFF) << 8 | (header[4] & 0xFF);
                byte[] body = new byte[length];
                in.readFully(body);
                towardsServer.add(new Record(header[0] & 0xFF, length));
                out.write(header);
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            closeQuietly(to);
        }
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream()) {
            in.transferTo(to.getOutputStream());
        } catch (IOException e) {
            // either side closed
        } finally {
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
