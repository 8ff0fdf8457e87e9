import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex } from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { t } from '@/lib/i18n';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (opts?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorCtor(): BarcodeDetectorCtor | null {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  return typeof ctor === 'function' && !!navigator.mediaDevices?.getUserMedia ? ctor : null;
}

export const canScan = () => detectorCtor() !== null;

/** Camera + BarcodeDetector. Where the browser lacks either, the button explains and the person types the code. */
export function QrScanner({ onResult }: { onResult: (raw: string) => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [active, setActive] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return;
    const Ctor = detectorCtor();
    if (!Ctor) {
      setProblem(t.checkin.scanUnsupported);
      setActive(false);
      return;
    }
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const detector = new Ctor({ formats: ['qr_code'] });
    const tick = async () => {
      if (stopped || !videoRef.current) return;
      try {
        const codes = await detector.detect(videoRef.current);
        if (codes[0]?.rawValue) {
          setActive(false);
          onResult(codes[0].rawValue);
          return;
        }
      } catch {
        /* frame not ready */
      }
      timer = setTimeout(tick, 300);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !videoRef.current) return;
        videoRef.current.srcObject = s;
        await videoRef.current.play().catch(() => undefined);
        void tick();
      })
      .catch(() => {
        setProblem(t.checkin.cameraDenied);
        setActive(false);
      });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
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
