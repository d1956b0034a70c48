import type { ProjectSummary } from '../../../preload/contract';

/** The projects in the library, with progress and counts. */
export function ProjectList({ projects }: { projects: readonly ProjectSummary[] }): React.JSX.Element {
  if (projects.length === 0) return <p className="empty">No projects yet.</p>;
  return (
    <ul className="project-list" aria-label="Projects">
      {projects.map((project) => (
        <li key={project.projectId} className="project">
          <div className="project-name">{project.name}</div>
          {project.description !== '' && <div className="project-description">{project.description}</div>}
          <div className="project-facts">
            <span>{project.progressPercent}% done</span>
            <span>{project.keysTotal.toLocaleString()} keys</span>
            <span>{project.languageCount} languages</span>
            {project.teamName !== null && <span>{project.teamName}</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}
