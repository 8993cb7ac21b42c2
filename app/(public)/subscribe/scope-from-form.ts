// The scope fields (scope-fields.tsx) as the subscription actions read them.
export function scopeFromForm(form: FormData) {
  return {
    all: form.get("scope") !== "chosen",
    tier1Only: form.get("tier1Only") === "on",
    regionIds: form.getAll("region").map(String),
    componentIds: form.getAll("component").map(String),
  };
}
