export function HonourRollPage() { return null; }
