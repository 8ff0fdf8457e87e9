import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { parseCheckinPayload } from '../lib/parse-qr';

/** A scanned QR payload opens the check-in page of its activity (with the code when present). */
export function useScanHandler() {
  const navigate = useNavigate();
  return useCallback(
    (raw: string) => {
      const parsed = parseCheckinPayload(raw);
      if (!parsed) {
        notify.warning(t.checkin.qrNotOurs);
        return;
      }
      navigate(`/checkin/${parsed.activityId}${parsed.code ? `?code=${parsed.code}` : ''}`);
    },
    [navigate],
  );
}
