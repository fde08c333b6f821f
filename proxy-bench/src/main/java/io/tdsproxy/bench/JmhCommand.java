package io.tdsproxy.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code jmh [options]}: runs the JMH benchmarks compiled into this jar with JMH's own command line. */
@Command(name = "jmh", description = "Run the JMH benchmarks (arguments go to JMH, e.g. -f 1 -wi 3 -i 5 Prelogin).")
final class JmhCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "JMH arguments.")
    List<String> args = List.of();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(new String[0]));
        return 0;
    }
}
