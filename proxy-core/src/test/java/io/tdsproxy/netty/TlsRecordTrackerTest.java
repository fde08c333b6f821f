package io.tdsproxy.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tdsproxy.testsupport.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TlsRecordTrackerTest {
    /** Three records (CKE, CCS, Finished) then a plaintext LOGIN7 packet header. */
    private static byte[] stream() {
        byte[] records = TdsBytes.stripHeaders(Vectors.bytes("freetds_doc_client_kex_ccs_finished_in_prelogin_pkt"));
        return TlsShuttle.concat(List.of(records, TdsBytes.login7Packet(0x01, 10)));
    }

    @Test
    void findsThePlaintextBoundaryWhateverTheReadSizes() {
        byte[] bytes = stream();
        int boundary = bytes.length - 18;
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            for (int chunk = 1; chunk <= bytes.length; chunk++) {
                TlsRecordTracker tracker = new TlsRecordTracker();
                int found = -1;
                for (int from = 0; from < bytes.length && found < 0; from += chunk) {
                    int to = Math.min(bytes.length, from + chunk);
                    int stop = tracker.scan(in, from, to);
                    if (stop < to) {
                        found = stop;
                    } else if (to <= boundary) {
                        assertThat(tracker.atBoundary()).as("chunk " + chunk + " to " + to)
                                .isEqualTo(to == 5 + 0x86 || to == 5 + 0x86 + 6 || to == boundary);
                    }
                }
                assertThat(found).as("chunk " + chunk).isEqualTo(boundary);
                assertThat(tracker.atBoundary()).isTrue();
            }
        } finally {
            in.release();
        }
    }

    @Test
    void streamOfOnlyRecordsEndsAtTheEnd() {
        byte[] records = TdsBytes.stripHeaders(Vectors.bytes("freetds_doc_client_kex_ccs_finished_in_prelogin_pkt"));
        ByteBuf in = Unpooled.wrappedBuffer(records);
        try {
            TlsRecordTracker tracker = new TlsRecordTracker();
            assertThat(tracker.scan(in, 0, records.length)).isEqualTo(records.length);
            assertThat(tracker.atBoundary()).isTrue();
            assertThat(new TlsRecordTracker().scan(in, 0, 3)).isEqualTo(3);
        } finally {
            in.release();
        }
    }
}
