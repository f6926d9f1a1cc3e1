#!/usr/bin/env bash
# Regenerates build/appicon.png (512x512): a rounded indigo square with a white
# speech bubble. Needs ImageMagick 6 (`convert`). Run from anywhere.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/build/appicon.png}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Background: vertical indigo gradient clipped to a rounded square.
convert -size 512x512 gradient:'#6d6ff5'-'#3f37c9' "$tmp/grad.png"
convert -size 512x512 xc:none -fill white -draw 'roundrectangle 16,16 495,495 112,112' "$tmp/mask.png"
convert "$tmp/grad.png" "$tmp/mask.png" -alpha off -compose CopyOpacity -composite "$tmp/bg.png"

# Speech bubble: rounded body + tail at the lower left, with a soft shadow.
convert -size 512x512 xc:none -fill white \
  -draw 'roundrectangle 104,122 408,338 70,70' \
  -draw 'polygon 160,318 236,330 140,412' \
  "$tmp/bubble.png"
convert "$tmp/bubble.png" -background '#1e1b4b' -shadow 35x10+0+8 "$tmp/shadow.png"

# Three dots in the bubble ("typing").
convert -size 512x512 xc:none -fill '#4f46e5' \
  -draw 'circle 196,230 196,256' \
  -draw 'circle 256,230 256,256' \
  -draw 'circle 316,230 316,256' \
  "$tmp/dots.png"

convert "$tmp/bg.png" \
  \( "$tmp/shadow.png" \) -geometry -10-10 -composite \
  "$tmp/bubble.png" -composite \
  "$tmp/dots.png" -composite \
  -strip -depth 8 -define png:color-type=6 "$out"
echo "wrote $out"
