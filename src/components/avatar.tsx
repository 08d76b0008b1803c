import './avatar.css';

interface AvatarProps {
  name: string;
  pictureUrl: string | null;
  size?: 'small' | 'large';
}

/** A person's LINE picture, or the first letter of their name when they have none. */
export function Avatar({ name, pictureUrl, size = 'small' }: AvatarProps) {
  const className = `person-avatar person-avatar--${size}`;
  return pictureUrl ? (
    <img className={className} src={pictureUrl} alt="" />
  ) : (
    <span className={className} aria-hidden="true">
      {Array.from(name)[0] ?? '?'}
    </span>
  );
}
