import type { Collection } from 'mongodb';

/** An issued 志愿服务证明; `_id` is its serial, so a serial is unique by construction. */
export interface CertificateDoc {
  _id: string;
  holderId: string;
  holderName: string;
  communityId: string;
  communityName: string;
  from: Date;
  to: Date;
  hours: number;
  services: number;
  issuedAt: Date;
}

export class CertificateRepository {
  constructor(private readonly coll: Collection<CertificateDoc>) {}

  async insert(doc: CertificateDoc): Promise<void> {
    await this.coll.insertOne(doc);
  }

  bySerial(serial: string): Promise<CertificateDoc | null> {
    return this.coll.findOne({ _id: serial });
  }

  ofHolder(holderId: string, limit = 50): Promise<CertificateDoc[]> {
    return this.coll.find({ holderId }).sort({ issuedAt: -1 }).limit(limit).toArray();
  }
}
