export function ProvincePage() {
  return null;
}
