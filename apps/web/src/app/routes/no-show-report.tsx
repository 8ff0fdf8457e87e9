export function NoShowReportPage() { return null; }
