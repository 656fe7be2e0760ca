/** Loading and error states of a query, the same on every page; renders children once data is there. */
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "./error-message";

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="spinner" role="status" aria-live="polite">
      <span className="spinner-dot" aria-hidden="true" />
      <span>{label ?? t("common.loading")}</span>
    </div>
  );
}

export function QueryState<T>({
  query,
  children,
  fullPage = false,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  fullPage?: boolean;
}) {
  const wrap = (node: ReactNode) => (fullPage ? <div className="full-page-state">{node}</div> : node);
  if (query.isPending) return wrap(<Spinner />);
  if (query.isError) return wrap(<ErrorMessage error={query.error} onRetry={() => void query.refetch()} />);
  return <>{children(query.data)}</>;
}
