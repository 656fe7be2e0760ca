/** Accounts, roles, units and acting officials of the admin's district. */
import { ActingList, OidcConfigResponse, OrgUnitView, RoleList, UserView } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { query, request } from "../http";
import { paths } from "../paths";

export const peopleKeys = {
  all: ["people"] as const,
  users: (district: string | null) => ["people", "users", district] as const,
  acting: (district: string | null) => ["people", "acting", district] as const,
  roles: ["people", "roles"] as const,
  orgUnits: ["people", "org-units"] as const,
};

export const usersQuery = (district: string | null) =>
  queryOptions({
    queryKey: peopleKeys.users(district),
    queryFn: ({ signal }) =>
      request(z.object({ items: z.array(UserView) }), `${paths.users}${query({ district })}`, { signal }),
  });

export const actingQuery = (district: string | null) =>
  queryOptions({
    queryKey: peopleKeys.acting(district),
    queryFn: ({ signal }) => request(ActingList, `${paths.acting}${query({ district })}`, { signal }),
  });

export const rolesQuery = () =>
  queryOptions({
    queryKey: peopleKeys.roles,
    queryFn: ({ signal }) => request(RoleList, paths.roles, { signal }),
    staleTime: 300_000,
  });

export const orgUnitsQuery = () =>
  queryOptions({
    queryKey: peopleKeys.orgUnits,
    queryFn: ({ signal }) => request(z.object({ items: z.array(OrgUnitView) }), paths.orgUnits, { signal }),
    staleTime: 300_000,
  });

export const oidcConfigQuery = () =>
  queryOptions({
    queryKey: ["oidc-config"] as const,
    queryFn: ({ signal }) => request(OidcConfigResponse, paths.oidc, { signal, credentials: "omit" }),
    staleTime: 300_000,
    retry: false,
  });
