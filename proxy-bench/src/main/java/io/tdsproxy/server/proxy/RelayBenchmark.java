package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.ProxyTuning;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's {@link Relay} forwarding on EmbeddedChannels, without sockets and without TLS (crypto is
 * measured by {@code openssl speed} and the end-to-end runs): a read batch of {@code packets} TDS
 * packets from the backend channel goes through the real {@link BackendHandler} and {@link BackendLink}
 * to the relay and is written to the client channel; the opposite direction calls the relay as
 * {@code ClientSession} does while relaying. {@code clientTls} true is the fully encrypted client leg's
 * flush-per-packet path.
 *
 * <p>Lives in the relay's package because Relay and BackendLink are package-private; the backend link
 * is put into its READY state by reflection in the setup only (the PRELOGIN exchange that normally
 * does it needs a socket), so that the relay itself is benchmarked unchanged.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RelayBenchmark {
    @Param({"false", "true"})
    public boolean clientTls;

    @Param({"8"})
    public int packets;

    @Param({"8000"})
    public int packetSize;

    private EmbeddedChannel client;
    private EmbeddedChannel backend;
    private Relay relay;
    private ByteBuf packet;

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        client = new EmbeddedChannel();
        backend = new EmbeddedChannel();
        // A context as the proxy builds it for a plaintext backend; the link only reads its backend settings here.
        ProxyContext context = new ProxyContext(
                ProxyConfig.of(new NetworkConfig("127.0.0.1", 0, false, Optional.empty()), new BackendConfig("127.0.0.1", 1)),
                Optional.empty(), Transport.nio(), ConnectionListener.NONE, 1000, ProxyTuning.DEFAULTS, Optional.empty());
        BackendLink link = new BackendLink(context, null);
        set(link, "channel", backend);
        set(link, "state", BackendLink.State.READY);
        relay = new Relay(1, client, link, clientTls, reason -> { }, ConnectionListener.NONE);
        link.attach(relay);
        backend.pipeline().addLast(HandlerNames.BACKEND, new BackendHandler(link));
        packet = PooledByteBufAllocator.DEFAULT.directBuffer(packetSize);
        packet.writeByte(0x04).writeByte(0).writeShort(packetSize).writeShort(0).writeByte(1).writeByte(0)
                .writeZero(packetSize - 8);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        packet.release();
        client.finishAndReleaseAll();
        backend.finishAndReleaseAll();
    }

    /** One read batch backend to client: {@code packets} reads, one read-complete, then the client's writes drained. */
    @Benchmark
    public int backendToClient() {
        for (int i = 0; i < packets; i++) {
            backend.pipeline().fireChannelRead(packet.retainedDuplicate());
        }
        backend.pipeline().fireChannelReadComplete();
        return drain(client);
    }

    /** One read batch client to backend, as ClientSession hands it to the relay. */
    @Benchmark
    public int clientToBackend() {
        for (int i = 0; i < packets; i++) {
            relay.clientRead(packet.retainedDuplicate());
        }
        relay.clientReadComplete();
        return drain(backend);
    }

    private static int drain(EmbeddedChannel channel) {
        int n = 0;
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            ((ByteBuf) msg).release();
            n++;
        }
        return n;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
