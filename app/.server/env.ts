import { z } from "zod";
import { serverProcessCount } from "../../server/cluster.mjs";
import { databaseKind } from "./database-url";

/** Every environment variable Baton reads, checked at start-up; the README's configuration table lists the same (env.test.ts). */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** file:./data/baton.db (SQLite, the default) or postgresql://user:password@host:5432/baton (docs/decisions/018). */
  DATABASE_URL: z
    .string()
    .min(1)
    .default("file:./data/baton.db")
    .superRefine((value, ctx) => {
      try {
        databaseKind(value);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: error instanceof Error ? error.message : String(error) });
      }
    }),
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
  /** Seals stored secrets (identity-provider client secrets, webhook secrets, the LRS password): any long random text,
   * the same on every host. Unset: a key made once in ./data/secret.key (docs/decisions/019). */
  BATON_SECRET_KEY: z.string().min(32, "BATON_SECRET_KEY must be at least 32 characters of random text.").optional(),
  /** Where `npm run build` put the app (two builds side by side in tests). */
  BUILD_DIR: z.string().min(1).optional(),
  /** The course library's sources, and where the compiled library goes. */
  CONTENT_DIR: z.string().min(1).optional(),
  CONTENT_OUT_DIR: z.string().min(1).optional(),
  /** How many server processes share the port: 1 (unset), 2…64, or "auto" for one per core (docs/decisions/016). */
  WEB_CONCURRENCY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        serverProcessCount(value);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: error instanceof Error ? error.message : String(error) });
      }
    }),
  /** Which of those processes this is (1…N), set by server.mjs for each; process 1 runs the once-only background work. */
  BATON_WORKER_INDEX: z.coerce.number().int().min(1).optional(),
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

/**
 * Whether this process runs the background work that is the same for every process (readiness upkeep, the
 * notification schedule, sweeps): the only process, or the first of several (docs/decisions/016).
 */
export const runsSharedUpkeep = () => (getEnv().BATON_WORKER_INDEX ?? 1) === 1;
