import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';

export enum ProjectVisibility {
  PRIVATE = 'PRIVATE',
  PUBLIC = 'PUBLIC',
}
registerEnumType(ProjectVisibility, { name: 'ProjectVisibility', description: "PRIVATE: seen only in the project's tenant; PUBLIC: by every signed-in user." });

export enum ProjectRole {
  OWNER = 'OWNER',
  MAINTAINER = 'MAINTAINER',
  CONTRIBUTOR = 'CONTRIBUTOR',
}
registerEnumType(ProjectRole, { name: 'ProjectRole', description: "A member's role in a project; a project always keeps one OWNER." });

@ObjectType()
export class ProjectMember {
  @Field(() => String, { description: "The user's id (the subject of their token)." })
  userId!: string;
  @Field(() => ProjectRole)
  role!: ProjectRole;
  @Field(() => DateTimeScalar)
  addedAt!: string;
}

@ObjectType({ description: "A developer-portal project (the seed's manage_projects), owned by the tenant that created it." })
export class Project {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { description: 'The owning tenant: its developers and admins change the project.' })
  tenantId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  description!: string;
  @Field(() => ProjectVisibility)
  visibility!: ProjectVisibility;
  @Field(() => [ProjectMember])
  members!: ProjectMember[];
  @Field(() => [ID], { description: 'Marketplace listings the project uses.' })
  algorithmIds!: string[];
  @Field(() => String)
  createdBy!: string;
  @Field(() => DateTimeScalar)
  createdAt!: string;
  @Field(() => DateTimeScalar)
  updatedAt!: string;
}

@ObjectType()
export class ProjectConnection extends Connection(Project) {}

@InputType()
export class CreateProjectInput {
  @Field(() => String)
  name!: string;
  @Field(() => String, { nullable: true })
  description?: string;
  @Field(() => ProjectVisibility)
  visibility!: ProjectVisibility;
}

@InputType({ description: 'What to change; fields left out keep their value.' })
export class UpdateProjectInput {
  @Field(() => ID)
  projectId!: string;
  @Field(() => String, { nullable: true })
  name?: string;
  @Field(() => String, { nullable: true })
  description?: string;
  @Field(() => ProjectVisibility, { nullable: true })
  visibility?: ProjectVisibility;
}

