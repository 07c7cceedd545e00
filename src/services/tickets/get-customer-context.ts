import type { Clock } from "../../clock";
import type { DbOrTx } from "../../db";
import { suggestCategory } from "../../domain/category";
import { OPEN_STATUSES } from "../../domain/ticket-status";
import { localDate } from "../../domain/working-calendar";
import { AppError } from "../../errors";
import type { CustomerContext } from "./models";
import { contractFactsFor, contractsOf, coverageOn, liveContracts, localDateText } from "./ticket-rows";

/**
 * R2/R23: what the intake modal shows once a customer is chosen — their equipment with R1 applied
 * to today (in the branch's zone), their open calls and their live contracts.
 */
export async function getCustomerContext(deps: { db: DbOrTx; clock: Clock }, options: { customerId: number }): Promise<CustomerContext> {
  const customer = await deps.db.customer.findUnique({
    where: { id: options.customerId },
    include: {
      branch: { select: { timeZone: true } },
      equipment: { orderBy: [{ model: "asc" }, { serial: "asc" }] },
      contracts: { include: { equipment: { select: { id: true } } } },
      tickets: {
        where: { status: { in: [...OPEN_STATUSES] } },
        orderBy: { receivedAt: "desc" },
        take: 20,
        select: { id: true, voucherNo: true, status: true, receivedAt: true, faultDescription: true, equipmentId: true },
      },
    },
  });
  if (!customer) {
    throw new AppError("NOT_FOUND", { message: `customer ${options.customerId} not found`, details: { entity: "Customer", customerId: options.customerId } });
  }
  const today = localDate({ timeZone: customer.branch.timeZone }, deps.clock.now());
  const contracts = contractsOf(customer.contracts);
  return {
    customer: {
      id: customer.id,
      code: customer.code,
      name: customer.name,
      grade: customer.grade,
      phone: customer.phone,
      address: customer.address,
      contactPerson: customer.contactPerson,
      area: customer.area,
    },
    equipment: customer.equipment.map((equipment) => {
      const warrantyEnd = localDateText(equipment.warrantyEnd);
      const facts = contractFactsFor(contracts, equipment.id);
      return {
        id: equipment.id,
        model: equipment.model,
        serial: equipment.serial,
        acceptanceDate: localDateText(equipment.acceptanceDate),
        warrantyEnd,
        suggestedCategory: suggestCategory({ onDate: today, equipment: { warrantyEnd }, contracts: facts }),
        coverage: coverageOn({ onDate: today, warrantyEnd, contracts: facts }),
      };
    }),
    openTickets: customer.tickets,
    liveContracts: liveContracts(contracts, today).map((contract) => ({
      number: contract.number,
      endsOn: contract.endsOn,
      coversAllEquipment: contract.equipmentIds.length === 0,
    })),
  };
}
