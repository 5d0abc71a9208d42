import { describe, expect, it } from "vitest";
import { isNonPublicAddress } from "./address-guard";

describe("public addresses only", () => {
  it.each([
    "127.0.0.1",
    "10.0.0.8",
    "172.16.4.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fd12:3456::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "not-an-ip",
  ])("%s is refused", (address) => expect(isNonPublicAddress(address)).toBe(true));
  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("%s is allowed", (address) =>
    expect(isNonPublicAddress(address)).toBe(false),
  );
});
