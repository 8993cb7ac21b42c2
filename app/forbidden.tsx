// Rendered with status 403 when a signed-in person's role does not allow a page or action.
import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">Not allowed</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Your role does not allow this. If you need it, ask an admin to change your role.
      </p>
      <p className="mt-6">
        <Link className="underline" href="/admin">
          Back to the console
        </Link>
      </p>
    </main>
  );
}
