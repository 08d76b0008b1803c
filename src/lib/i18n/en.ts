// The strings of the first screen (booting, Setup, not found, and the splashes shown while a page
// loads), built into the entry; more/en.ts has the rest. Placeholders are {name}; other locales
// must have every key.
export const messages = {
  'app.name': 'LINE Calls',
  'boot.loading': 'Connecting to LINE…',
  'boot.redirecting': 'Signing you in with LINE…',
  'boot.failed': "Couldn't start the app",
  'common.retry': 'Try again',
  'common.language': 'Language',
  'dev.user': 'Dev user',
  'setup.greeting': 'Hi, {name}',
  'setup.room': 'Choose a room',
  'setup.room.jp': 'Japan',
  'setup.room.kr': 'Korea',
  'setup.room.tw': 'Taiwan',
  'setup.room.th': 'Thailand',
  'setup.room.named': 'Or a named room',
  'setup.room.invalid': 'Use 1–48 letters, digits, - or _ (no spaces).',
  'setup.devices': 'Camera and microphone',
  'setup.camera': 'Camera',
  'setup.microphone': 'Microphone',
  'setup.cameraOff': 'Camera is off',
  'setup.micLevel': 'Microphone level',
  'setup.join': 'Join {room}',
  'meeting.connecting': 'Connecting to {room}…',
  'setup.calls': 'Calls',
  'call.loading': 'Opening the call…',
  'agentCall.callMeNow': 'Call me now',
  'notFound.title': 'Page not found',
  'notFound.home': 'Go to the start',
  'setup.callSomeone': 'Call someone',
  'setup.join.pick': 'Choose a room to join',
  'setup.room.blank': "A room name can't be only spaces. Type a name, or pick a room above.",
} as const;

export type StartMessages = Record<keyof typeof messages, string>;
