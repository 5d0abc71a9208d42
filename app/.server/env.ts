import { z } from "zod";

/** Every environment variable Baton reads, checked at start-up; the README's configuration table lists the same (env.test.ts). */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:./data/baton.db"),
  /** The public origin (scheme://host[:port]) when Baton runs behind a proxy that rewrites Host. */
  BATON_ORIGIN: z.string().url().optional(),
  /** E-mail goes out over SMTP when set, e.g. smtp://user:pass@mail.example.com:587 or smtps://… (docs/notifications.md). */
  SMTP_URL: z.string().url().optional(),
  /** The sender of every e-mail, e.g. "Baton <baton@example.com>". */
  SMTP_FROM: z.string().min(3).optional(),
  PORT: z.coerce.number().int().positive().optional(),
  /** The address to listen on (unset: every interface). */
  HOST: z.string().min(1).optional(),
  /** express's "trust proxy" setting (e.g. 1, or loopback), so client addresses and https are taken from the proxy. */
  TRUST_PROXY: z.string().min(1).optional(),
  /** Where `npm run build` put the app (two builds side by side in tests). */
  BUILD_DIR: z.string().min(1).optional(),
  /** The course library's sources, and where the compiled library goes. */
  CONTENT_DIR: z.string().min(1).optional(),
  CONTENT_OUT_DIR: z.string().min(1).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Validated environment; a bad value stops the server at start-up with a readable message. */
export function getEnv(): Env {
  if (cached && process.env.NODE_ENV !== "test") return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

export const isProduction = () => getEnv().NODE_ENV === "production";
