import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Debian's chromium, headless, with nothing of its own reaching out (updates, sync, QUIC). */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:']);

/** The browser the Playground and dashboard system tests drive (CHROMIUM_PATH overrides where it is). */
export function launchHeadlessChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Every URL that left the machine; data: and blob: URLs never do. */
export function isForeign(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return NETWORK_PROTOCOLS.has(protocol) && !LOCAL_HOSTS.has(hostname);
}
