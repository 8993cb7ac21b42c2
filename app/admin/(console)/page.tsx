// GET /admin – the console starts at the incidents
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/session/guards.ts";

export default async function ConsoleHome() {
  await requireActor("console.read", { returnTo: "/admin" });
  redirect("/admin/incidents");
}
