import { desc, eq } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import type { RentalQuote, RentalSettlement } from '../../../shared/domain/rental-fee-types';
import { communities, rentalBookings, rentalItemTypes, rentalPoints } from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';

/**
 * 社区租赁 bookings this person made. On deletion the bookings stay (the point's record of a
 * device lent and of the money taken and owed, and the household's loan): the link to the
 * person (user_id) and what they wrote or named — the member booked for, the note, the
 * delivery address — are erased. The eligibility category stays (the subsidy's record).
 */
export const rentalBookingData: PersonalData<MyData['rentals']> = {
  table: rentalBookings,
  columns: [
    rentalBookings.userId,
    rentalBookings.forName,
    rentalBookings.forRelation,
    rentalBookings.note,
    rentalBookings.deliveryAddress,
  ],
  async exportFor(db, ctx) {
    const rows = await db
      .select({
        b: rentalBookings,
        communityName: communities.name,
        pointName: rentalPoints.name,
        itemName: rentalItemTypes.name,
      })
      .from(rentalBookings)
      .innerJoin(communities, eq(communities.id, rentalBookings.communityId))
      .innerJoin(rentalPoints, eq(rentalPoints.id, rentalBookings.pointId))
      .innerJoin(rentalItemTypes, eq(rentalItemTypes.id, rentalBookings.itemTypeId))
      .where(eq(rentalBookings.userId, ctx.actor.userId))
      .orderBy(desc(rentalBookings.id));
    return rows.map(({ b, communityName, pointName, itemName }) => {
      const quote = b.quote as RentalQuote;
      const s = b.settlement as RentalSettlement | null;
      return {
        communityName,
        pointName,
        itemName,
        startOn: b.startOn,
        endOn: b.endOn,
        status: b.status,
        forName: b.forName,
        forRelation: b.forRelation,
        eligibility: b.eligibility,
        handover: b.handover,
        deliveryAddress: b.deliveryAddress,
        note: b.note,
        returnedOn: b.returnedOn,
        payableFen: quote.payableFen,
        depositFen: quote.depositFen,
        rentPaidFen: b.rentPaidFen,
        depositTakenFen: b.depositTakenFen,
        refundFen: s?.refundFen ?? null,
        owedFen: s?.owedFen ?? null,
        createdAt: b.createdAt.toISOString(),
      };
    });
  },
  async erase(tx, ctx, now) {
    await tx
      .update(rentalBookings)
      .set({ userId: null, forName: null, forRelation: null, note: null, deliveryAddress: null, updatedAt: now })
      .where(eq(rentalBookings.userId, ctx.actor.userId));
    return [];
  },
};
