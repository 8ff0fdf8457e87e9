import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex } from 'antd';
import { PictureOutlined, ScanOutlined } from '@ant-design/icons';
import { t } from '@/lib/i18n';
import { decodeQrCanvas, decodeQrPicture, drawOnCanvas } from '../lib/decode-qr';
import { parseCheckinPayload } from '../lib/parse-qr';

export const QR_PICTURE_TEXT = {
  pick: '从相册选择二维码',
  pickHint: '不方便用摄像头时，可先截图或拍下签到二维码，再从相册选择',
  reading: '正在识别图片…',
  noQr: '这张图片里没有找到二维码，请选择清晰、完整的签到二维码截图，或直接输入签到码',
  notOurs: '图片中的二维码不是本平台的签到二维码，请选择队长签到大屏上的二维码',
  notImage: '无法读取这个文件，请选择一张图片（JPG 或 PNG）',
};

/** Decodes the QR of an image (URL or data: URL) with the app's decoder; rejects when there is none. */
export async function decodeQrImage(src: string): Promise<string> {
  const text = await decodeQrPicture(src);
  if (text === null) throw new Error('no QR code');
  return text;
}

/** A camera is all that is needed now (the decoder is ours). */
export const canScan = () => !!navigator.mediaDevices?.getUserMedia;

/**
 * Camera + ZXing, and a picture from the album for phones whose camera is refused (WeChat, iPhone). Both read the QR
 * with the same function (`decodeQrCanvas`). Only a Wenming check-in link is handed on; anything else gets a message.
 */
export function QrScanner({ onResult }: { onResult: (raw: string) => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [active, setActive] = useState(false);
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return;
    const video = videoRef.current;
    if (!canScan() || !video) {
      setProblem(t.checkin.scanUnsupported);
      setActive(false);
      return;
    }
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
    // every 200 ms: the current frame → canvas → decodeQrCanvas (the same path as a picture)
    const tick = () => {
      if (stopped) return;
      if (video.readyState >= 2 && video.videoWidth > 0) {
        const text = decodeQrCanvas(drawOnCanvas(video, video.videoWidth, video.videoHeight, 1280, canvas));
        if (text !== null && parseCheckinPayload(text)) {
          stop();
          setActive(false);
          onResult(text);
          return;
        }
      }
      timer = setTimeout(tick, 200);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped) return stop();
        video.srcObject = s;
        await video.play().catch(() => undefined);
        tick();
      })
      .catch(() => {
        setProblem(t.checkin.cameraDenied);
        setActive(false);
      });
    return stop;
  }, [active, onResult]);

  const onPicture = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setReading(true);
    try {
      const text = await decodeQrPicture(file);
      if (text === null) setProblem(QR_PICTURE_TEXT.noQr);
      else if (!parseCheckinPayload(text)) setProblem(QR_PICTURE_TEXT.notOurs);
      else onResult(text);
    } catch {
      setProblem(QR_PICTURE_TEXT.notImage);
    } finally {
      setReading(false);
      if (fileRef.current) fileRef.current.value = ''; // the same picture can be chosen again
    }
  };

  return (
    <Flex vertical gap={8}>
      {problem ? <Alert type="warning" showIcon title={problem} role="alert" /> : null}
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
      <input
        ref={fileRef}
        type="file"
        accept="image/*"
        aria-label={QR_PICTURE_TEXT.pick}
        data-testid="qr-picture-input"
        style={{ display: 'none' }}
        onChange={(e) => void onPicture(e.target.files?.[0])}
      />
      <Button icon={<PictureOutlined />} size="large" block loading={reading} onClick={() => fileRef.current?.click()}>
        {reading ? QR_PICTURE_TEXT.reading : QR_PICTURE_TEXT.pick}
      </Button>
      <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13 }}>{QR_PICTURE_TEXT.pickHint}</span>
    </Flex>
  );
}
