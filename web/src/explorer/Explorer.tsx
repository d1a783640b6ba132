export default function Explorer(_: { token: string }) {
  return null;
}
