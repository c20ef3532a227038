"""水印拍照 on the phone (issue 19): watermarking a 12-megapixel photo (4000×3000 JPEG, a busy
image so the encoder has real work) — decode, apply EXIF orientation, darken the band, draw four
lines (time, customer, rep, position ± accuracy) in Noto Sans SC, encode JPEG — beside the
baseline of decoding and re-encoding the same photo without a watermark. Median of --runs after
one warm-up run. Target: under 400 ms.

    .venv/bin/python -m benchmarks.bench_watermark [--runs 9]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import platform
import statistics
import time

from PIL import Image

from fieldapp.services.watermark import QUALITY, burn, watermark_lines

TARGET_MS = 400.0


def photo(w: int = 4000, h: int = 3000) -> bytes:
    """A 12-megapixel JPEG with detail (gradients and noise), as a phone camera writes one."""
    gradient = Image.linear_gradient("L").resize((w, h))
    noise = Image.effect_noise((w, h), 40)
    image = Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.ROTATE_180)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def baseline(data: bytes) -> bytes:
    """Decode and encode again, nothing drawn."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=QUALITY)
    return out.getvalue()


def median_ms(fn: object, data: bytes, runs: int) -> float:
    call = fn  # type: ignore[assignment]
    call(data)  # type: ignore[operator]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        call(data)  # type: ignore[operator]
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    data = photo()
    lines = watermark_lines(
        taken_at=dt.datetime(2026, 12, 10, 2, 5, 9, tzinfo=dt.UTC),
        customer="上海百联超市（南京东路店）",
        rep="张伟",
        lat=31.2304,
        lng=121.4737,
        accuracy_m=8.0,
    )
    base = median_ms(baseline, data, args.runs)
    marked = median_ms(lambda d: burn(d, lines), data, args.runs)
    print(f"{platform.python_implementation()} {platform.python_version()}, "
          f"Pillow {Image.__version__}, photo {len(data) / 1e6:.1f} MB, 4000×3000, "
          f"median of {args.runs}")  # fmt: skip
    print(f"decode + encode (baseline): {base:7.1f} ms")
    print(f"watermark (burn):           {marked:7.1f} ms  (+{marked - base:.1f} ms)")
    print(f"target < {TARGET_MS:.0f} ms: {'met' if marked < TARGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
