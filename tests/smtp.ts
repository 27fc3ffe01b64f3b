import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";

/** A real SMTP server on a free port, keeping what it receives. */
export class TestSmtp {
  received: { to: string; raw: string }[] = [];
  /** How long the server takes to accept a message (after its data), as a slow relay does. */
  answerMs = 0;
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData: (stream, session, callback) => {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        this.received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        setTimeout(callback, this.answerMs);
      });
    },
  });
  port = 0;
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  transport(port = this.port) {
    return nodemailer.createTransport({
      host: "127.0.0.1",
      port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 2_000,
    });
  }
  /** The messages that carry one of these outbox ids in their Message-ID. */
  forIds(ids: string[]) {
    return this.received.filter((m) => ids.some((id) => m.raw.includes(`<${id}@tillsammans.invalid>`)));
  }
}
