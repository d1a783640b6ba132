import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Opvangtype, ProvinceCode } from '../reference/index.js';
import { EscalationOption, SignalAction, SignalOpgave, SignalSource, SignalStatus } from './status.js';

registerEnumType(SignalStatus, {
  name: 'SignalStatus',
  description: 'OPEN → ON_AGENDA (of a dated LRT meeting) → ANSWERED → CLOSED; an answered signal may be reopened (back to OPEN) when the answer does not suffice.',
});
registerEnumType(SignalAction, {
  name: 'SignalAction',
  description: 'EDIT (raising party, while OPEN), PUT_ON_AGENDA and ANSWER (LRT), CLOSE (raising party or LRT), REOPEN (raising party, when ANSWERED).',
});
registerEnumType(SignalSource, {
  name: 'SignalSource',
  description: "Who raised the signal: the province's regietafel (PRT secretariat), COA for a province of its region, or the LRT on behalf of the bestuurlijk aanjager.",
});
registerEnumType(SignalOpgave, { name: 'SignalOpgave', description: 'The opgave a signal is about: huisvesting (ch. 4), opvang (ch. 5-6) or inburgering (ch. 7).' });
registerEnumType(EscalationOption, {
  name: 'EscalationOption',
  description: 'Escalation options of Integrale Handreiking 5.2.2, and OTHER.',
  valuesConfig: {
    COMMERCIAL_REAL_ESTATE: { description: 'Use of commercial real estate (commercieel vastgoed).' },
    LOGEEREGELING: { description: 'The logeeregeling (vergunninghouders lodging with gemeenten ahead of housing).' },
    PROGRAMMA_VAN_EISEN: { description: "Deviating from COA's Programma van Eisen." },
    OTHER: { description: 'Another request to the LRT.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A bottleneck raised to the LRT by a regietafel, COA or the bestuurlijk aanjager (Integrale Handreiking 8.2.1), with the LRT\'s answer.' })
export class Signal {
  @Field(() => ID)
  id: string;

  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => SignalSource)
  source: SignalSource;

  @Field(() => SignalOpgave)
  opgave: SignalOpgave;

  @Field(() => Opvangtype, { nullable: true, description: 'For opvang: the opvangtype concerned, if one.' })
  opvangtype: Opvangtype | null;

  @Field(() => EscalationOption, { nullable: true })
  escalation: EscalationOption | null;

  @Field(() => String)
  title: string;

  @Field(() => String, { description: 'Markdown.' })
  description: string;

  @Field(() => SignalStatus)
  status: SignalStatus;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The LRT meeting whose agenda it is (or was last) on.' })
  meetingDate: string | null;

  @Field(() => String, { nullable: true, description: "The LRT's answer (Markdown); null until answered, and again after a reopening (earlier answers stay in `transitions`)." })
  answer: string | null;

  @Field(() => Date, { nullable: true })
  answeredAt: Date | null;

  @Field(() => Int, { description: 'Name it as `expectedVersion` when changing the signal.' })
  version: number;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;

  raisedById: string | null;
  raisedByName: string | null;
  answeredById: string | null;
  answeredByName: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'One step of a signal: who, when, what (the answer, the agenda date, why it was reopened or closed).' })
export class SignalTransition {
  signalId: string;

  @Field(() => Int)
  version: number;

  @Field(() => SignalAction, { nullable: true, description: 'Null for raising it.' })
  action: SignalAction | null;

  @Field(() => SignalStatus, { nullable: true })
  fromStatus: SignalStatus | null;

  @Field(() => SignalStatus)
  toStatus: SignalStatus;

  @Field(() => String, { nullable: true, description: 'Markdown: the answer, or why it was reopened or closed.' })
  note: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  meetingDate: string | null;

  @Field(() => Date)
  at: Date;

  byId: string | null;
  byName: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An LRT meeting and the signals on its agenda.' })
export class SignalAgendaMeeting {
  @Field(() => LocalDateResolver)
  date: string;

  @Field(() => [Signal], { description: 'Oldest raised first.' })
  signals: Signal[];
}

@InputType()
export class RaiseSignalInput {
  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => SignalSource, { nullable: true, description: 'Default: the first you may use in the province (PRT, COA, BESTUURLIJK_AANJAGER).' })
  source?: SignalSource;

  @Field(() => SignalOpgave)
  opgave: SignalOpgave;

  @Field(() => Opvangtype, { nullable: true, description: 'Only with opgave OPVANG.' })
  opvangtype?: Opvangtype;

  @Field(() => EscalationOption, { nullable: true })
  escalation?: EscalationOption;

  @Field(() => String, { description: 'One line, up to 200 characters.' })
  title: string;

  @Field(() => String, { description: 'Markdown, up to 10,000 characters.' })
  description: string;
}

/** Names the signal and the version the change is based on. */
@InputType()
class SignalChangeInput {
  @Field(() => ID)
  signalId: string;

  @Field(() => Int)
  expectedVersion: number;
}

@InputType({ description: 'Change an OPEN signal (raising party). Fields left out stay as they are.' })
export class UpdateSignalInput extends SignalChangeInput {
  @Field(() => SignalOpgave, { nullable: true })
  opgave?: SignalOpgave;

  @Field(() => Opvangtype, { nullable: true, description: 'Left out: kept. null: taken away.' })
  opvangtype?: Opvangtype | null;

  @Field(() => EscalationOption, { nullable: true, description: 'Left out: kept. null: taken away.' })
  escalation?: EscalationOption | null;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => String, { nullable: true })
  description?: string;
}

@InputType()
export class PutSignalOnAgendaInput extends SignalChangeInput {
  @Field(() => LocalDateResolver, { description: 'The date of the LRT meeting; not before the signal was raised.' })
  meetingDate: string;
}

@InputType()
export class AnswerSignalInput extends SignalChangeInput {
  @Field(() => String, { description: "The LRT's answer: Markdown, up to 10,000 characters." })
  answer: string;
}

@InputType()
export class CloseSignalInput extends SignalChangeInput {
  @Field(() => String, { nullable: true, description: 'Why, if you like (Markdown).' })
  reason?: string;
}

@InputType()
export class ReopenSignalInput extends SignalChangeInput {
  @Field(() => String, { description: 'Why the answer does not suffice (Markdown).' })
  reason: string;
}
