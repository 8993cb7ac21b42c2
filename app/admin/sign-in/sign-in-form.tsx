"use client";
// Asks next-auth for a sign-in link (it checks the CSRF token), then shows
// "check your email" whether or not the address has an account.
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { z } from "zod";

const emailSchema = z.string().trim().pipe(z.email("Enter an email address such as name@example.com"));

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = emailSchema.safeParse(new FormData(event.currentTarget).get("email") ?? "");
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? "Enter an email address");
      return;
    }
    setFieldError(null);
    setPending(true);
    try {
      const result = await signIn("email", { email: parsed.data, callbackUrl, redirect: false });
      if (result?.error) {
        setFormError(
          result.error === "RateLimited"
            ? "Too many sign-in requests from your network. Please wait a few minutes and try again."
            : "We could not send the sign-in email. Please try again in a moment.",
        );
        return;
      }
      router.push(`/admin/sign-in/check-email?${new URLSearchParams({ email: parsed.data })}`);
    } catch {
      setFormError("We could not reach the server. Please try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="mt-6 space-y-4">
      <div>
        <label htmlFor="email" className="block font-medium">
          Email address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "email-error" : undefined}
          className="mt-1 w-full rounded border border-slate-400 bg-white px-3 py-2 text-base dark:border-slate-600 dark:bg-slate-900"
        />
        {fieldError && (
          <p id="email-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {fieldError}
          </p>
        )}
      </div>
      {formError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {formError}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900"
      >
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
