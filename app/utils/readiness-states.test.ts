import { describe, expect, expectTypeOf, it } from "vitest";
import { ReadinessState as StoredReadinessState } from "~/generated/prisma/enums";
import { READINESS_STATES, type ReadinessState } from "./readiness-states";

describe("READINESS_STATES", () => {
  it("is the schema's ReadinessState enum, in the same order", () => {
    expect(Object.values(StoredReadinessState)).toEqual([...READINESS_STATES]);
    expectTypeOf<ReadinessState>().toEqualTypeOf<StoredReadinessState>();
  });
});
