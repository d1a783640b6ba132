import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Opvangtype, ProvinceCode } from './enums.js';

@ObjectType({ simpleResolvers: true, description: "One of COA's five uitplaatsingsregio's, which link vergunninghouders to gemeenten." })
@Entity({ name: 'uitplaatsingsregio' })
export class Uitplaatsingsregio {
  @Field(() => Int, { description: 'Number 1 to 5.' })
  @PrimaryColumn({ type: 'smallint' })
  number: number;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;
}

@ObjectType({ simpleResolvers: true, description: 'A province (provincie). Each hosts one Provinciale Regietafel.' })
@Entity({ name: 'province' })
export class Province {
  @Field(() => ProvinceCode)
  @PrimaryColumn({ type: 'text' })
  code: ProvinceCode;

  @Field(() => String, { description: 'CBS code, e.g. PV26.' })
  @Column({ name: 'cbs_code', type: 'text' })
  cbsCode: string;

  @Field(() => String, { description: 'ISO 3166-2 code, e.g. NL-UT.' })
  @Column({ name: 'iso_code', type: 'text' })
  isoCode: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => Int, { description: 'Population on `populationDate` (CBS).' })
  @Column({ type: 'integer' })
  population: number;

  @Field(() => LocalDateResolver, { description: 'Reference date of `population`.' })
  @Column({ name: 'population_date', type: 'date' })
  populationDate: string;

  @Column({ name: 'uitplaatsingsregio_number', type: 'smallint' })
  uitplaatsingsregioNumber: number;
}

@ObjectType({ simpleResolvers: true, description: 'A gemeente (municipality), as published by CBS.' })
@Entity({ name: 'gemeente' })
export class Gemeente {
  @Field(() => ID, { description: 'CBS code with prefix, e.g. GM0344.' })
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode: ProvinceCode;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day this gemeente is in the CBS list we imported.' })
  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Day it ceased to exist (merged or dissolved), if it did. Null for current gemeenten.',
  })
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;
}

@ObjectType('OpvangtypeDescription', { simpleResolvers: true, description: 'An opvangtype with its description.' })
@Entity({ name: 'opvangtype' })
export class OpvangtypeRecord {
  @Field(() => Opvangtype)
  @PrimaryColumn({ type: 'text' })
  code: Opvangtype;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String)
  @Column({ type: 'text' })
  description: string;

  @Field(() => Boolean, { description: 'True for the types of the flexible reception system (GVL, SATELLIET, ROL).' })
  @Column({ name: 'flexible_system', type: 'boolean' })
  flexibleSystem: boolean;

  @Field(() => String, { description: 'Who runs locations of this type: COA or GEMEENTE.' })
  @Column({ name: 'operated_by', type: 'text' })
  operatedBy: string;

  @Column({ name: 'sort_order', type: 'smallint' })
  sortOrder: number;
}

@Entity({ name: 'gemeente_import' })
export class GemeenteImport {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'source_file', type: 'text' })
  sourceFile: string;

  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;

  @Column({ type: 'jsonb' })
  summary: Record<string, unknown>;
}
