package io.tdsproxy.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tdsproxy.netty.HandlerNames;
import io.tdsproxy.netty.TdsPacketFrameDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * {@link TdsPacketFrameDecoder} on an EmbeddedChannel: 64 KiB of back-to-back TDS packets delivered
 * in socket-sized reads whose boundaries fall inside packets, so the decoder cumulates as it does on
 * a real connection. One operation is one 64 KiB stream; the score divided by 64 KiB is the cost per
 * byte. The packets emitted are released at once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacketFramingBenchmark {
    private static final int STREAM = 64 * 1024;

    @Param({"512", "4096", "8000"})
    public int packetSize;

    @Param({"16384"})
    public int readSize;

    private EmbeddedChannel channel;
    private ByteBuf stream;

    @Setup(Level.Trial)
    public void setUp() {
        stream = Unpooled.directBuffer(STREAM);
        while (stream.writableBytes() >= packetSize) {
            stream.writeByte(0x04).writeByte(0).writeShort(packetSize).writeShort(0).writeByte(1).writeByte(0)
                    .writeZero(packetSize - 8);
        }
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(HandlerNames.FRAME_DECODER, new TdsPacketFrameDecoder());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        stream.release();
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public int frame64KiB() {
        int packets = 0;
        for (int offset = 0; offset < stream.writerIndex(); offset += readSize) {
            int length = Math.min(readSize, stream.writerIndex() - offset);
            channel.writeInbound(stream.retainedSlice(offset, length));
            ByteBuf packet;
            while ((packet = channel.readInbound()) != null) {
                packet.release();
                packets++;
            }
        }
        return packets;
    }
}
