/** The staff app's root: one query client, the router (the public pages have their own, public-app.tsx). */
import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router";
import { makeQueryClient } from "./query-client";
import { createAppRouter } from "./router";

export function App() {
  const [client] = useState(makeQueryClient);
  const [router] = useState(createAppRouter);
  return (
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
