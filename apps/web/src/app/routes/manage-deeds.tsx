export function ManageDeedsPage() { return null; }
