package io.tdsproxy.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.prelogin.PreloginOption;
import io.tdsproxy.tds.prelogin.PreloginOptionToken;
import io.tdsproxy.tds.prelogin.PreloginVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * PRELOGIN decode (MS-TDS 2.2.6.5), once per connection in the proxy: the options mssql-jdbc sends
 * (VERSION, ENCRYPTION, TRACEID) plus INSTOPT and MARS, and the same with an unknown option that must
 * pass through byte for byte.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PreloginDecodeBenchmark {
    private ByteBuf typical;
    private ByteBuf withUnknownOption;

    @Setup
    public void setUp() {
        PreloginMessage message = PreloginMessage.of(
                PreloginOption.of(PreloginOptionToken.VERSION, new PreloginVersion(13, 2, 1, 0).encode()),
                PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {(byte) EncryptionValue.ON.raw()}),
                PreloginOption.of(PreloginOptionToken.INSTOPT, new byte[] {0}),
                PreloginOption.of(PreloginOptionToken.MARS, new byte[] {0}),
                PreloginOption.of(PreloginOptionToken.TRACEID, new byte[36]));
        typical = Unpooled.directBuffer();
        message.encode(typical);
        withUnknownOption = Unpooled.directBuffer();
        message.with(0x42, new byte[] {7, 7}).encode(withUnknownOption);
    }

    @TearDown
    public void tearDown() {
        typical.release();
        withUnknownOption.release();
    }

    @Benchmark
    public PreloginMessage decodeTypical() {
        return PreloginMessage.decode(typical.duplicate());
    }

    @Benchmark
    public PreloginMessage decodeWithUnknownOption() {
        return PreloginMessage.decode(withUnknownOption.duplicate());
    }
}
