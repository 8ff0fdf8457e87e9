export function ManageHonoursPage() { return null; }
