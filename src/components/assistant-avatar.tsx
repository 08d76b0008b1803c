import './avatar.css';
import { AssistantIcon } from './call-icons';

/** The assistant of an agent call, where a person's picture would be. */
export function AssistantAvatar({ size = 'small' }: { size?: 'small' | 'large' }) {
  return (
    <span
      className={`person-avatar person-avatar--${size} person-avatar--assistant`}
      aria-hidden="true"
    >
      <AssistantIcon size={size === 'large' ? 56 : 24} />
    </span>
  );
}
