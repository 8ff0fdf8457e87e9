import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex } from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { BrowserQRCodeReader, type IScannerControls } from '@zxing/browser';
import { t } from '@/lib/i18n';

/**
 * QR decoding with ZXing (`@zxing/browser`), not `BarcodeDetector`: it reads camera frames through a canvas, so it
 * works in iPhone Safari, Android Chrome and WeChat's browser alike (issue 11). The same reader decodes an image
 * (`decodeQrImage`), which is what the Playwright check runs on a screenshot of the leader's screen.
 */
const reader = () => new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 200 });

/** Decodes the QR of an image (URL, data: URL or <img>); rejects when there is none. */
export async function decodeQrImage(src: string | HTMLImageElement): Promise<string> {
  return (await reader().decodeFromImageElement(src)).getText();
}

/** A camera is all that is needed now (the decoder is ours). */
export const canScan = () => !!navigator.mediaDevices?.getUserMedia;

/** Camera + ZXing. Where there is no camera (or it is refused), the button explains and the person types the code. */
export function QrScanner({ onResult }: { onResult: (raw: string) => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [active, setActive] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return;
    if (!canScan() || !videoRef.current) {
      setProblem(t.checkin.scanUnsupported);
      setActive(false);
      return;
    }
    let controls: IScannerControls | null = null;
    let stopped = false;
    reader()
      .decodeFromConstraints({ video: { facingMode: 'environment' }, audio: false }, videoRef.current, (result, _err, c) => {
        if (stopped || !result) return;
        stopped = true;
        c.stop();
        setActive(false);
        onResult(result.getText());
      })
      .then((c) => {
        controls = c;
        if (stopped) c.stop();
      })
      .catch(() => {
        setProblem(t.checkin.cameraDenied);
        setActive(false);
      });
    return () => {
      stopped = true;
      controls?.stop();
    };
  }, [active, onResult]);

  return (
    <Flex vertical gap={8}>
      {problem ? <Alert type="info" showIcon title={problem} /> : null}
      {active ? (
        <>
          <video
            ref={videoRef}
            muted
            playsInline
            aria-label={t.checkin.scanning}
            style={{ width: '100%', maxHeight: 320, background: '#000', borderRadius: 8, objectFit: 'cover' }}
          />
          <Button onClick={() => setActive(false)}>{t.checkin.stopScan}</Button>
        </>
      ) : (
        <Button
          icon={<ScanOutlined />}
          size="large"
          block
          onClick={() => {
            setProblem(null);
            if (!canScan()) setProblem(t.checkin.scanUnsupported);
            else setActive(true);
          }}
        >
          {t.checkin.scan}
        </Button>
      )}
    </Flex>
  );
}
