// How each channel is named and drawn in rows, headers and filters.
import type { Channel } from '../bridge/types';
import type { IconName } from './icons';

export const CHANNEL_INFO: Record<Channel, { label: string; icon: IconName }> = {
  chat: { label: 'Chat', icon: 'chat' },
  sms: { label: 'SMS', icon: 'sms' },
  email: { label: 'Email', icon: 'mail' },
  call: { label: 'Call', icon: 'phone' },
  whatsapp: { label: 'WhatsApp', icon: 'whatsapp' },
  instagram: { label: 'Instagram', icon: 'instagram' },
  messenger: { label: 'Messenger', icon: 'messenger' },
  gmb: { label: 'Google Business', icon: 'store' },
  tiktok: { label: 'TikTok', icon: 'music' },
  internal: { label: 'Internal', icon: 'lock' },
};

export function channelLabel(c: string): string {
  return CHANNEL_INFO[c as Channel]?.label ?? c;
}

export function channelIcon(c: string): IconName {
  return CHANNEL_INFO[c as Channel]?.icon ?? 'chat';
}
