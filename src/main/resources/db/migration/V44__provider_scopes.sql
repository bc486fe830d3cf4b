-- Debt worked per provider: a payment may name the provider it is for (a bill's payment split by the payment agent),
-- a freeze may belong to a provider's case, and a case may work one provider's part of the customer's debt.
ALTER TABLE payment ADD COLUMN provider VARCHAR(64);
ALTER TABLE debt_freeze ADD COLUMN provider VARCHAR(64);
ALTER TABLE collection_case ADD COLUMN provider VARCHAR(64);
