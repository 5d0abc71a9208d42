import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";
import { DEFAULT_BRAND_NAME } from "~/utils/brand";

/**
 * The organisation's logo and name at the top of the signed-out pages (sign-in, forgot password). With a logo, the
 * image carries the name for screen readers and the visible name below it is not read a second time.
 */
export function BrandMark() {
  const brand = useRouteLoaderData<typeof rootLoader>("root")?.brand;
  const name = brand?.name ?? DEFAULT_BRAND_NAME;
  return (
    <div className="flex flex-col items-center gap-3">
      {brand?.logoUrl ? <img src={brand.logoUrl} alt={name} className="h-16 w-auto max-w-60 object-contain" /> : null}
      <p className="text-center text-3xl font-bold text-brand-700" aria-hidden={brand?.logoUrl ? true : undefined}>
        {name}
      </p>
    </div>
  );
}
