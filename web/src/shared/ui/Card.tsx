import { type ReactNode, useId } from 'react';
import './Card.css';

interface CardProps {
  /** Text, or text with a language of its own (a Bulgarian proper name on any screen). */
  title: ReactNode;
  /** Shown beside the title, e.g. a status badge. */
  aside?: ReactNode;
  headingLevel?: 2 | 3;
  children: ReactNode;
}

/** A titled section of a page; the title names the section for screen-reader navigation. */
export function Card({ title, aside, headingLevel = 2, children }: CardProps) {
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={`card card--level-${headingLevel}`} aria-labelledby={headingId}>
      <div className="card__header">
        <Heading id={headingId} className="card__title">
          {title}
        </Heading>
        {aside}
      </div>
      {children}
    </section>
  );
}
