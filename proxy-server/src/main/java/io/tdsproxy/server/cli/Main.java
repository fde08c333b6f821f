package io.tdsproxy.server.cli;

/** Entry point of {@code tdsproxy.jar}; the commands arrive with the CLI work. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("tdsproxy");
    }
}
