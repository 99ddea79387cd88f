import graphene

from common.graphql.scalars import Money
from crm.schema.types.common import id_resolver


class Product(graphene.ObjectType):
    """A skin-care product on sale; pass its `id` as `productId` to placeOrder."""

    id = graphene.ID(required=True)
    sku = graphene.String(required=True)
    name = graphene.String(required=True)
    description = graphene.String(required=True)
    price = graphene.Field(Money, required=True)
    in_stock = graphene.Boolean(required=True)
    stock = graphene.Int(required=True, description="Units left across all branches.")
    is_active = graphene.Boolean(required=True, description="False for products no longer sold.")

    resolve_id = id_resolver("Product")

    def resolve_price(product, info):
        return Money.from_amount(product.price)

    def resolve_in_stock(product, info):
        return product.stock > 0
